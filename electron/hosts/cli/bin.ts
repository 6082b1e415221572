// The `courier` executable: run the CLI host with this process's arguments.
import { runCli } from '../cli';

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});

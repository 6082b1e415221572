// The product version, from package.json at build time.
import { version } from '../../package.json';

export const COURIER_VERSION: string = version;

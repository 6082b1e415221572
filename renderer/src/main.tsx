// The renderer's entry point: connect to the host this page runs under (or stay locked without a token)
// and render the app.
import '@mantine/core/styles.css';
import './shell/shell.css';
import { MantineProvider } from '@mantine/core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createClient } from './ipc/client';
import { connectToHost } from './ipc/connectToHost';
import { App } from './shell/App';
import { LockedScreen } from './shell/LockedScreen';

const transport = connectToHost(window);
const rootElement = document.getElementById('root');
if (!rootElement) throw new Error('index.html has no #root element.');

createRoot(rootElement).render(
  <StrictMode>
    <MantineProvider defaultColorScheme="auto">{transport ? <App client={createClient(transport)} /> : <LockedScreen />}</MantineProvider>
  </StrictMode>,
);

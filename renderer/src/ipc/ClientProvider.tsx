// Hands the one typed client to every component, so features call the contract without knowing the transport.
import { createContext, useContext, type ReactNode } from 'react';
import type { CourierClient } from './client';

const ClientContext = createContext<CourierClient | null>(null);

export function ClientProvider({ client, children }: { client: CourierClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): CourierClient {
  const client = useContext(ClientContext);
  if (client === null) throw new Error('useClient() needs a <ClientProvider> above it.');
  return client;
}

// What the running instance says about itself (host, version, where its data lives), for the status bar and Settings.
import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../ipc/ClientProvider';

export const appInfoKey = ['app.info'] as const;

export function useAppInfo() {
  const client = useClient();
  return useQuery({
    queryKey: appInfoKey,
    queryFn: () => client.call('app.info', {}),
    // It does not change while the instance runs.
    staleTime: Infinity,
  });
}

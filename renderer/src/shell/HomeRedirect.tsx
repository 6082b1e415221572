// `/` reopens the page the user was last on (the lastPage preference), or the Inbox.
import { Text } from '@mantine/core';
import { Navigate } from 'react-router-dom';
import { useSettings } from '../features/settings/queries';
import { DEFAULT_PAGE, isPagePath } from '../navigation/pages';

export function HomeRedirect() {
  const settings = useSettings();
  if (settings.isPending) {
    return (
      <Text size="sm" c="dimmed">
        Connecting to Courier…
      </Text>
    );
  }
  const lastPage = settings.data?.lastPage;
  return <Navigate to={lastPage !== undefined && isPagePath(lastPage) ? lastPage : DEFAULT_PAGE} replace />;
}

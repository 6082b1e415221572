// Which component answers which path (and a message opened from the Inbox or Outbox); `/` reopens the last
// page and unknown paths fall back to it.
import type { ComponentType } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { CertificatesPage } from '../features/certificates/CertificatesPage';
import { SendPage } from '../features/compose/SendPage';
import { InboxPage } from '../features/inbox/InboxPage';
import { KeysPage } from '../features/keys/KeysPage';
import { MessageView } from '../features/messages/MessageView';
import { PacoPage } from '../features/paco/PacoPage';
import { OutboxPage } from '../features/outbox/OutboxPage';
import { PartnersPage } from '../features/partners/PartnersPage';
import { SettingsPage } from '../features/settings/SettingsPage';
import { TlsInspectorPage } from '../features/tls/TlsInspectorPage';
import { pages, type PagePath } from '../navigation/pages';
import { PageErrorBoundary } from '../ui/PageErrorBoundary';
import { HomeRedirect } from './HomeRedirect';

const screens: Record<PagePath, ComponentType> = {
  '/inbox': InboxPage,
  '/outbox': OutboxPage,
  '/send': SendPage,
  '/partners': PartnersPage,
  '/keys': KeysPage,
  '/certificates': CertificatesPage,
  '/tls': TlsInspectorPage,
  '/paco': PacoPage,
  '/settings': SettingsPage,
};

export function PageRoutes() {
  return (
    <Routes>
      <Route path="/" element={<HomeRedirect />} />
      {pages.map(({ path, name }) => {
        const Screen = screens[path];
        return (
          <Route
            key={path}
            path={path}
            element={
              <PageErrorBoundary key={path} pageName={name}>
                <Screen />
              </PageErrorBoundary>
            }
          />
        );
      })}
      <Route
        path="/inbox/:id"
        element={
          <PageErrorBoundary key="/inbox/:id" pageName="message">
            <MessageView direction="inbound" />
          </PageErrorBoundary>
        }
      />
      <Route
        path="/outbox/:id"
        element={
          <PageErrorBoundary key="/outbox/:id" pageName="message">
            <MessageView direction="outbound" />
          </PageErrorBoundary>
        }
      />
      <Route path="*" element={<Navigate to="/" replace />} />
    </Routes>
  );
}

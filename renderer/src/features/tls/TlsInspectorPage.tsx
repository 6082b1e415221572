// The TLS inspector page: before sending to a partner's HTTPS endpoint, see what the server presents —
// protocol, cipher, the chain link by link — and whether Courier would connect with a profile's trust;
// then trust its CA or pin its key for that profile, and check the result by inspecting again.
import { Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useRef, useState } from 'react';
import { Page } from '../../ui/Page';
import { ChainView } from './ChainView';
import { InspectForm } from './InspectForm';
import { InspectionStatus } from './InspectionStatus';
import { useInspector, type TrustChange } from './inspectorStore';
import { useInspect } from './queries';
import { scopeChoice } from './scopeChoice';
import { TrustChangeNotice } from './TrustChangeNotice';
import { TrustDialog, type TrustRequest } from './TrustDialog';
import { TrustedForScopeSection } from './TrustedForScopeSection';
import './tls.css';

export function TlsInspectorPage() {
  const run = useInspector((state) => state.run);
  const formScope = useInspector((state) => state.form.scope);
  const trustChange = useInspector((state) => state.trustChange);
  const { editForm, reportTrustChange } = useInspector.getState();
  const inspect = useInspect();
  const [trustRequest, setTrustRequest] = useState<TrustRequest | null>(null);
  // The trust list follows the scope field once typing pauses, not on every keystroke.
  const [listedScope] = useDebouncedValue(formScope, 300);

  const statusRef = useRef<HTMLDivElement>(null);

  const lastTarget = run.state === 'idle' ? null : run.target;
  const inspectAgain = (scope: string) => {
    if (lastTarget === null) return;
    editForm({ scope, extraCaPem: '', extraCaSource: null });
    void inspect({ ...lastTarget, scope, extraCaPem: undefined });
    // The notice holding the button goes away; the outcome is where the user continues.
    statusRef.current?.focus();
  };
  const trusted = (change: TrustChange) => {
    setTrustRequest(null);
    // The profile just extended is the one the officer is working on: the form and its trust list follow it.
    editForm({ scope: change.scope });
    reportTrustChange(change);
  };

  return (
    <Page title="TLS inspector">
      <Text size="sm" maw={720}>
        See what a partner's server presents — protocol, cipher and certificate chain, like <code>openssl s_client -showcerts</code>{' '}
        — and whether Courier would connect to it with a profile's trust. Courier always verifies; trust is only extended per
        profile, by an extra CA or a pinned key.
      </Text>
      <InspectForm onInspect={(target) => void inspect(target)} />
      <InspectionStatus run={run} ref={statusRef} />
      <TrustChangeNotice change={trustChange} onInspectAgain={lastTarget === null ? undefined : inspectAgain} onDismiss={() => reportTrustChange(null)} />
      {run.state === 'done' && (
        <ChainView
          inspection={run.inspection}
          withExtraCa={run.target.extraCaPem !== undefined}
          onTrust={(certificate) => setTrustRequest({ kind: 'ca', certificate })}
          onPin={(certificate) => setTrustRequest({ kind: 'pin', certificate })}
        />
      )}
      <TrustedForScopeSection choice={scopeChoice(listedScope)} onRemoved={reportTrustChange} />
      <TrustDialog
        request={trustRequest}
        defaultScope={run.state === 'done' ? (run.inspection.scope ?? formScope) : formScope}
        onClose={() => setTrustRequest(null)}
        onDone={trusted}
      />
    </Page>
  );
}

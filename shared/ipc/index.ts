// The whole contract between the renderer and the main process, named once.
import type { z } from 'zod';
import type { Procedure } from './contract';
import { appInfo } from './procedures/app';
import {
  as2ListenerStatus,
  as2PartnersDelete,
  as2PartnersExport,
  as2PartnersGet,
  as2PartnersImport,
  as2PartnersList,
  as2PartnersSave,
  as2StationsDelete,
  as2StationsList,
  as2StationsSave,
} from './procedures/as2';
import {
  as2gAccountsDelete,
  as2gAccountsList,
  as2gAccountsSave,
  as2gBatchDownload,
  as2gDelete,
  as2gDownload,
  as2gGet,
  as2gList,
  as2gLogin,
  as2gMarkUnread,
  as2gPartners,
  as2gQueueControl,
  as2gSend,
  as2gStations,
  as2gSyncNow,
  as2gSyncStatus,
} from './procedures/as2gateway';
import { auditList } from './procedures/audit';
import { certsAttach, certsCreateCsr, certsDelete, certsGet, certsImport, certsList, certsSelfSign } from './procedures/certificates';
import { events } from './procedures/events';
import { fiscalInspect, fiscalProfilesDelete, fiscalProfilesGet, fiscalProfilesList, fiscalProfilesSave, fiscalUpload } from './procedures/fiscal';
import { keysCancelRotation, keysRotate, keysRotation, keysSwitchNow } from './procedures/keyRotation';
import { keysCancelGeneration, keysDelete, keysExportPrivate, keysExportPublic, keysGenerate, keysGet, keysList } from './procedures/keys';
import { as2Send, messagesExport, messagesGet, messagesList, messagesPayload, messagesResend, messagesResume, messagesStop } from './procedures/messages';
import { pacoCall, pacoProfilesDelete, pacoProfilesGet, pacoProfilesList, pacoProfilesSave, pacoTemplates } from './procedures/paco';
import { pageroEndpointsDelete, pageroEndpointsList, pageroEndpointsSave, pageroProfilesDelete, pageroProfilesList, pageroProfilesSave, pageroSend } from './procedures/pagero';
import { settingsGet, settingsSet } from './procedures/settings';
import { tlsExportChainPem, tlsInspect, tlsListTrust, tlsPin, tlsRemoveTrust, tlsTrustCa } from './procedures/tls';
import { transfersCancel } from './procedures/transfers';

export const procedures = {
  [appInfo.name]: appInfo,
  [settingsGet.name]: settingsGet,
  [settingsSet.name]: settingsSet,
  [auditList.name]: auditList,
  [events.name]: events,
  [keysList.name]: keysList,
  [keysGet.name]: keysGet,
  [keysGenerate.name]: keysGenerate,
  [keysCancelGeneration.name]: keysCancelGeneration,
  [keysExportPublic.name]: keysExportPublic,
  [keysExportPrivate.name]: keysExportPrivate,
  [keysDelete.name]: keysDelete,
  [keysRotate.name]: keysRotate,
  [keysRotation.name]: keysRotation,
  [keysSwitchNow.name]: keysSwitchNow,
  [keysCancelRotation.name]: keysCancelRotation,
  [certsImport.name]: certsImport,
  [certsList.name]: certsList,
  [certsGet.name]: certsGet,
  [certsSelfSign.name]: certsSelfSign,
  [certsCreateCsr.name]: certsCreateCsr,
  [certsAttach.name]: certsAttach,
  [certsDelete.name]: certsDelete,
  [tlsInspect.name]: tlsInspect,
  [tlsExportChainPem.name]: tlsExportChainPem,
  [tlsTrustCa.name]: tlsTrustCa,
  [tlsPin.name]: tlsPin,
  [tlsListTrust.name]: tlsListTrust,
  [tlsRemoveTrust.name]: tlsRemoveTrust,
  [pacoProfilesList.name]: pacoProfilesList,
  [pacoProfilesGet.name]: pacoProfilesGet,
  [pacoProfilesSave.name]: pacoProfilesSave,
  [pacoProfilesDelete.name]: pacoProfilesDelete,
  [pacoCall.name]: pacoCall,
  [pacoTemplates.name]: pacoTemplates,
  [as2StationsList.name]: as2StationsList,
  [as2StationsSave.name]: as2StationsSave,
  [as2StationsDelete.name]: as2StationsDelete,
  [as2PartnersList.name]: as2PartnersList,
  [as2PartnersGet.name]: as2PartnersGet,
  [as2PartnersSave.name]: as2PartnersSave,
  [as2PartnersDelete.name]: as2PartnersDelete,
  [as2PartnersExport.name]: as2PartnersExport,
  [as2PartnersImport.name]: as2PartnersImport,
  [as2ListenerStatus.name]: as2ListenerStatus,
  [as2Send.name]: as2Send,
  [messagesList.name]: messagesList,
  [messagesGet.name]: messagesGet,
  [messagesPayload.name]: messagesPayload,
  [messagesExport.name]: messagesExport,
  [messagesResend.name]: messagesResend,
  [messagesStop.name]: messagesStop,
  [messagesResume.name]: messagesResume,
  [as2gAccountsList.name]: as2gAccountsList,
  [as2gAccountsSave.name]: as2gAccountsSave,
  [as2gAccountsDelete.name]: as2gAccountsDelete,
  [as2gLogin.name]: as2gLogin,
  [as2gSend.name]: as2gSend,
  [as2gList.name]: as2gList,
  [as2gGet.name]: as2gGet,
  [as2gMarkUnread.name]: as2gMarkUnread,
  [as2gDownload.name]: as2gDownload,
  [as2gBatchDownload.name]: as2gBatchDownload,
  [as2gQueueControl.name]: as2gQueueControl,
  [as2gDelete.name]: as2gDelete,
  [as2gPartners.name]: as2gPartners,
  [as2gStations.name]: as2gStations,
  [as2gSyncNow.name]: as2gSyncNow,
  [as2gSyncStatus.name]: as2gSyncStatus,
  [transfersCancel.name]: transfersCancel,
  [pageroProfilesList.name]: pageroProfilesList,
  [pageroProfilesSave.name]: pageroProfilesSave,
  [pageroProfilesDelete.name]: pageroProfilesDelete,
  [pageroSend.name]: pageroSend,
  [pageroEndpointsList.name]: pageroEndpointsList,
  [pageroEndpointsSave.name]: pageroEndpointsSave,
  [pageroEndpointsDelete.name]: pageroEndpointsDelete,
  [fiscalProfilesList.name]: fiscalProfilesList,
  [fiscalProfilesGet.name]: fiscalProfilesGet,
  [fiscalProfilesSave.name]: fiscalProfilesSave,
  [fiscalProfilesDelete.name]: fiscalProfilesDelete,
  [fiscalInspect.name]: fiscalInspect,
  [fiscalUpload.name]: fiscalUpload,
} as const satisfies Record<string, Procedure>;

export type Procedures = typeof procedures;
export type ProcedureName = keyof Procedures;
export type NameOfKind<K extends Procedure['kind']> = {
  [N in ProcedureName]: Procedures[N]['kind'] extends K ? N : never;
}[ProcedureName];
export type CallName = NameOfKind<'query' | 'mutation'>;
export type SubscriptionName = NameOfKind<'subscription'>;
/** What a caller may pass (defaults not yet applied). */
export type InputOf<N extends ProcedureName> = z.input<Procedures[N]['input']>;
/** What a handler receives (after validation and defaults). */
export type ParsedInputOf<N extends ProcedureName> = z.output<Procedures[N]['input']>;
export type OutputOf<N extends ProcedureName> = z.output<Procedures[N]['output']>;

export function isProcedureName(name: string): name is ProcedureName {
  return Object.prototype.hasOwnProperty.call(procedures, name);
}

export * from './contract';
export * from './errors';
export * from './wire';
export * from './procedures/app';
export * from './procedures/audit';
export * from './procedures/certificates';
export * from './procedures/events';
export * from './procedures/keys';
export * from './procedures/keyRotation';
export * from './procedures/paco';
export * from './procedures/settings';
export * from './procedures/tls';
export * from './procedures/as2';
export * from './procedures/messages';
export * from './procedures/as2gateway';
export * from './procedures/transfers';
export * from './procedures/pagero';
export * from './procedures/fiscal';

// Every procedure of the contract bound to its handler; hosts get an Api from here and nothing else.
import type { CourierContext } from '../core/home/openHome';
import { appInfo } from './app';
import { auditList } from './audit';
import { as2PartnersDelete, as2PartnersExport, as2PartnersGet, as2PartnersImport, as2PartnersList, as2PartnersSave, as2StationsDelete, as2StationsList, as2StationsSave } from './as2';
import { as2Listener } from './as2Listener';
import { as2Send } from './as2Send';
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
} from './as2gateway';
import { certsAttach, certsCreateCsr, certsDelete, certsGet, certsImport, certsList, certsSelfSign } from './certificates';
import { events } from './events';
import { keysCancelGeneration, keysDelete, keysExportPrivate, keysExportPublic, keysGenerate, keysGet, keysList } from './keys';
import { keysCancelRotation, keysRotate, keysRotation, keysSwitchNow } from './keyRotation';
import { messagesExport, messagesGet, messagesList, messagesPayload, messagesResend, messagesResume, messagesStop } from './messages';
import { pacoCall, pacoProfilesDelete, pacoProfilesGet, pacoProfilesList, pacoProfilesSave, pacoTemplates } from './paco';
import { createApi, type Api, type Handlers } from './router';
import { settingsGet, settingsSet } from './settings';
import { tlsExportChainPem, tlsInspect, tlsListTrust, tlsPin, tlsRemoveTrust, tlsTrustCa } from './tls';
import { transfersCancel } from './transfers';
import { fiscalInspect, fiscalProfilesDelete, fiscalProfilesGet, fiscalProfilesList, fiscalProfilesSave, fiscalUpload } from './fiscal';
import { pageroEndpointsDelete, pageroEndpointsList, pageroEndpointsSave, pageroProfilesDelete, pageroProfilesList, pageroProfilesSave, pageroSend } from './pagero';

export const handlers: Handlers = {
  'app.info': appInfo,
  'settings.get': settingsGet,
  'settings.set': settingsSet,
  'audit.list': auditList,
  events,
  'keys.list': keysList,
  'keys.get': keysGet,
  'keys.generate': keysGenerate,
  'keys.cancelGeneration': keysCancelGeneration,
  'keys.exportPublic': keysExportPublic,
  'keys.exportPrivate': keysExportPrivate,
  'keys.delete': keysDelete,
  'keys.rotate': keysRotate,
  'keys.rotation': keysRotation,
  'keys.switchNow': keysSwitchNow,
  'keys.cancelRotation': keysCancelRotation,
  'tls.inspect': tlsInspect,
  'tls.exportChainPem': tlsExportChainPem,
  'tls.trustCa': tlsTrustCa,
  'tls.pin': tlsPin,
  'tls.listTrust': tlsListTrust,
  'tls.removeTrust': tlsRemoveTrust,
  'certs.import': certsImport,
  'certs.list': certsList,
  'certs.get': certsGet,
  'certs.selfSign': certsSelfSign,
  'certs.createCsr': certsCreateCsr,
  'certs.attach': certsAttach,
  'certs.delete': certsDelete,
  'paco.profiles.list': pacoProfilesList,
  'paco.profiles.get': pacoProfilesGet,
  'paco.profiles.save': pacoProfilesSave,
  'paco.profiles.delete': pacoProfilesDelete,
  'paco.call': pacoCall,
  'paco.templates': pacoTemplates,
  'as2.stations.list': as2StationsList,
  'as2.stations.save': as2StationsSave,
  'as2.stations.delete': as2StationsDelete,
  'as2.partners.list': as2PartnersList,
  'as2.partners.get': as2PartnersGet,
  'as2.partners.save': as2PartnersSave,
  'as2.partners.delete': as2PartnersDelete,
  'as2.partners.export': as2PartnersExport,
  'as2.partners.import': as2PartnersImport,
  'as2.listener': as2Listener,
  'as2.send': as2Send,
  'messages.list': messagesList,
  'messages.get': messagesGet,
  'messages.payload': messagesPayload,
  'messages.export': messagesExport,
  'messages.resend': messagesResend,
  'messages.stop': messagesStop,
  'messages.resume': messagesResume,
  'as2g.accounts.list': as2gAccountsList,
  'as2g.accounts.save': as2gAccountsSave,
  'as2g.accounts.delete': as2gAccountsDelete,
  'as2g.login': as2gLogin,
  'as2g.send': as2gSend,
  'as2g.list': as2gList,
  'as2g.get': as2gGet,
  'as2g.markUnread': as2gMarkUnread,
  'as2g.download': as2gDownload,
  'as2g.batchDownload': as2gBatchDownload,
  'as2g.queueControl': as2gQueueControl,
  'as2g.delete': as2gDelete,
  'as2g.partners': as2gPartners,
  'as2g.stations': as2gStations,
  'as2g.sync': as2gSyncNow,
  'as2g.syncStatus': as2gSyncStatus,
  'transfers.cancel': transfersCancel,
  'fiscal.profiles.list': fiscalProfilesList,
  'fiscal.profiles.get': fiscalProfilesGet,
  'fiscal.profiles.save': fiscalProfilesSave,
  'fiscal.profiles.delete': fiscalProfilesDelete,
  'fiscal.inspect': fiscalInspect,
  'fiscal.upload': fiscalUpload,
  'pagero.profiles.list': pageroProfilesList,
  'pagero.profiles.save': pageroProfilesSave,
  'pagero.profiles.delete': pageroProfilesDelete,
  'pagero.send': pageroSend,
  'pagero.endpoints.list': pageroEndpointsList,
  'pagero.endpoints.save': pageroEndpointsSave,
  'pagero.endpoints.delete': pageroEndpointsDelete,
};

export function createCourierApi(ctx: CourierContext): Api {
  return createApi(ctx, handlers);
}

export type { Api } from './router';

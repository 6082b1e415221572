// as2.stations.* and as2.partners.*: AS2 profiles, thin over core/as2/profiles (which checks and audits).
import type { CallHandler } from './router';

export const as2StationsList: CallHandler<'as2.stations.list'> = (_input, ctx) => ctx.as2Profiles.listStations();

export const as2StationsSave: CallHandler<'as2.stations.save'> = (input, ctx) => ctx.as2Profiles.saveStation(input);

export const as2StationsDelete: CallHandler<'as2.stations.delete'> = (input, ctx) => {
  const station = ctx.as2Profiles.getStation(input.station);
  ctx.as2Profiles.deleteStation(station.id);
  return { deleted: station.id };
};

export const as2PartnersList: CallHandler<'as2.partners.list'> = (_input, ctx) => ctx.as2Profiles.listPartners();

export const as2PartnersGet: CallHandler<'as2.partners.get'> = (input, ctx) => ctx.as2Profiles.getPartner(input.partner);

export const as2PartnersSave: CallHandler<'as2.partners.save'> = (input, ctx) => ctx.as2Profiles.savePartner(input);

export const as2PartnersDelete: CallHandler<'as2.partners.delete'> = (input, ctx) => {
  const partner = ctx.as2Profiles.getPartner(input.partner);
  ctx.as2Profiles.deletePartner(partner.id);
  return { deleted: partner.id };
};

export const as2PartnersExport: CallHandler<'as2.partners.export'> = (input, ctx) => ctx.as2Profiles.exportPartner(input.partner);

export const as2PartnersImport: CallHandler<'as2.partners.import'> = (input, ctx) => ctx.as2Profiles.importPartner(input.document, input.station);

// How a messages row becomes the contract's MessageSummary: one column list and one mapping, shared by the
// store (after each change) and the list query.
import type { MessageStatus, MessageSummary } from '../../../shared/ipc';

export const SUMMARY_COLUMNS = `m.id, m.direction, m.protocol, m.message_id, m.partner_id, p.name AS partner_name, m.station_id,
  m.subject, m.file_name, m.content_type, m.payload_size, m.status, m.status_text, m.created_at, m.updated_at`;

export interface MessageRow {
  id: number;
  direction: 'inbound' | 'outbound';
  protocol: string;
  message_id: string | null;
  partner_id: string | null;
  partner_name: string | null;
  station_id: string | null;
  subject: string | null;
  file_name: string | null;
  content_type: string | null;
  payload_size: number | null;
  status: MessageStatus;
  status_text: string | null;
  created_at: string;
  updated_at: string | null;
}

export function summaryOf(row: MessageRow): MessageSummary {
  return {
    id: row.id,
    direction: row.direction,
    protocol: row.protocol,
    messageId: row.message_id,
    partnerId: row.partner_id,
    partnerName: row.partner_name,
    stationId: row.station_id,
    subject: row.subject,
    fileName: row.file_name,
    contentType: row.content_type,
    payloadSize: row.payload_size,
    status: row.status,
    statusText: row.status_text,
    createdAt: row.created_at,
    updatedAt: row.updated_at ?? row.created_at,
  };
}

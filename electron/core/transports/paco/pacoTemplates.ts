// A starting request per PACO operation, shaped as the simulator and the seed's endpoints expect, so a user
// (renderer form or `courier paco call --json-file`) edits values instead of guessing field names.
import type { PacoOperationName } from '../../../../shared/ipc';
import { PACO_OPERATIONS, TRANSACTION_STATUS_PATH } from './pacoClient';

export interface PacoTemplate {
  operation: PacoOperationName;
  method: 'GET' | 'POST';
  path: string;
  jose: boolean;
  request: unknown;
}

const officeId = 'OFFICE1';
const orderNo = 'ORDER-0001';

export const PACO_TEMPLATES: readonly PacoTemplate[] = [
  { operation: 'payment', method: 'POST', path: PACO_OPERATIONS.payment, jose: true, request: { apiRequest: { officeId, orderNo, transactionAmount: { amount: 100, currencyCode: 'THB' } } } },
  { operation: 'transactionStatus', method: 'GET', path: TRANSACTION_STATUS_PATH, jose: false, request: { orderNo } },
  { operation: 'transactionList', method: 'POST', path: PACO_OPERATIONS.transactionList, jose: true, request: { apiRequest: { officeId } } },
  { operation: 'void', method: 'POST', path: PACO_OPERATIONS.void, jose: true, request: { apiRequest: { officeId, orderNo } } },
  { operation: 'settlement', method: 'POST', path: PACO_OPERATIONS.settlement, jose: true, request: { apiRequest: { officeId, orderNo } } },
  { operation: 'refund', method: 'POST', path: PACO_OPERATIONS.refund, jose: true, request: { apiRequest: { officeId, orderNo, refundAmount: { amount: 100 } } } },
];

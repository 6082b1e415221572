// audit.list: the audit trail, a page at a time.
import type { CallHandler } from './router';

export const auditList: CallHandler<'audit.list'> = (input, ctx) => ctx.audit.list(input);

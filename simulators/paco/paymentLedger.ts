// The simulator's memory of payments, so that one made can be inquired, voided, settled and refunded, with
// the state rules a card acquirer applies (void before settlement, refund only after it, never above it).
export type PaymentStatus = 'Authorized' | 'Voided' | 'Settled' | 'Refunded' | 'PartiallyRefunded';

export interface Payment {
  orderNo: string;
  officeId: string;
  amount: number;
  currencyCode: string;
  refunded: number;
  status: PaymentStatus;
}

export class LedgerRefusal extends Error {}

export class PaymentLedger {
  private readonly payments = new Map<string, Payment>();

  pay(officeId: string, orderNo: string, amount: number, currencyCode: string): Payment {
    if (this.payments.has(orderNo)) throw new LedgerRefusal(`Order ${orderNo} already exists.`);
    if (!(amount > 0)) throw new LedgerRefusal('The amount must be positive.');
    const payment: Payment = { orderNo, officeId, amount, currencyCode, refunded: 0, status: 'Authorized' };
    this.payments.set(orderNo, payment);
    return payment;
  }

  find(orderNo: string): Payment {
    const payment = this.payments.get(orderNo);
    if (!payment) throw new LedgerRefusal(`Order ${orderNo} is not known.`);
    return payment;
  }

  list(officeId: string): Payment[] {
    return [...this.payments.values()].filter((payment) => payment.officeId === officeId);
  }

  void(orderNo: string): Payment {
    const payment = this.find(orderNo);
    if (payment.status !== 'Authorized') throw new LedgerRefusal(`Order ${orderNo} is ${payment.status}; only an authorized payment can be voided.`);
    payment.status = 'Voided';
    return payment;
  }

  settle(orderNo: string): Payment {
    const payment = this.find(orderNo);
    if (payment.status !== 'Authorized') throw new LedgerRefusal(`Order ${orderNo} is ${payment.status}; only an authorized payment can be settled.`);
    payment.status = 'Settled';
    return payment;
  }

  refund(orderNo: string, amount: number): Payment {
    const payment = this.find(orderNo);
    if (payment.status !== 'Settled' && payment.status !== 'PartiallyRefunded') throw new LedgerRefusal(`Order ${orderNo} is ${payment.status}; only a settled payment can be refunded.`);
    if (!(amount > 0) || payment.refunded + amount > payment.amount) throw new LedgerRefusal(`A refund of ${amount} exceeds what is left of order ${orderNo}.`);
    payment.refunded += amount;
    payment.status = payment.refunded === payment.amount ? 'Refunded' : 'PartiallyRefunded';
    return payment;
  }
}

/** E-mails the system sends by itself, each once: queue them in your transaction; a job sends them. */
export { outboxService, OUTBOX_SEND_JOB, type OutboundEmail, type OutboundRow, type OutboxService, type SendCheck } from './outbox.ts'
export type { OutboundStatus } from './outbox-tables.ts'
export { signingKeys, type Signer } from './signing-keys.ts'

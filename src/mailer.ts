import nodemailer from 'nodemailer'

import type { Logger } from './logger.ts'

export interface MailMessage {
  to: string
  subject: string
  text: string
}

export interface Mailer {
  send(message: MailMessage): Promise<void>
  /** Whether messages really leave (an SMTP server is set). When false, a person must pass links on by hand. */
  readonly delivers: boolean
}

/**
 * Sends by SMTP when CSP_HUB_SMTP_URL is set; otherwise writes the message to the log, so that on a
 * laptop the password reset link can be read from the server's output.
 */
export function createMailer(options: { smtpUrl: string | undefined; from: string }, logger: Logger): Mailer {
  if (!options.smtpUrl) {
    return {
      delivers: false,
      async send(message) {
        logger.info({ mail: message }, `E-mail not sent (no SMTP configured) to ${message.to}: ${message.subject}\n${message.text}`)
      },
    }
  }
  const transport = nodemailer.createTransport(options.smtpUrl)
  return {
    delivers: true,
    async send(message) {
      await transport.sendMail({ from: options.from, ...message })
      logger.info({ to: message.to, subject: message.subject }, 'E-mail sent')
    },
  }
}

/** For tests: keeps what would have been sent (as if delivered, unless told otherwise). */
export function memoryMailer(options: { delivers?: boolean } = {}): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = []
  return { sent, delivers: options.delivers ?? true, send: async message => void sent.push(message) }
}

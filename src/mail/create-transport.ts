import type { MailConfig } from '../config/config.ts';
import { outboxTransport, type MailTransport, type TransportOptions } from './mail-transport.ts';
import { createNotifyTransport } from './notify-transport.ts';
import { createSmtpTransport } from './smtp-transport.ts';

/** The transport the configuration names. */
export function createMailTransport(config: MailConfig, options: TransportOptions = {}): MailTransport {
  switch (config.transport) {
    case 'outbox':
      return outboxTransport;
    case 'smtp':
      return createSmtpTransport(config, options);
    case 'notify':
      return createNotifyTransport(config, options);
  }
}

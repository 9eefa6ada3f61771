import type { z } from 'zod';
import { contract as defaultContract, isChannelName, type ChannelName, type ParsedReq, type Res } from '../../contract/channels';
import type { ChannelDef } from '../../contract/channel';
import type { AppError, Result } from '../../contract/result';
import { AppFailure, describeUnexpected, errorCodeOf } from '../errors';
import type { Logger } from '../log/logger';
import { exceedsLimits } from './payload-limits';
import { forgetRecentPhones } from '../../contract/phone';
import { LaterAnswer, type DispatchOptions } from './answer-later';

/** Where a call came from. Electron fills it from the IPC event; the e2e harness from the Playwright binding. */
export interface SenderInfo {
  url: string;
  isMainFrame: boolean;
}

export type Handler<C extends ChannelName> = (req: ParsedReq<C>, sender: SenderInfo) => Promise<Res<C> | LaterAnswer<Res<C>>> | Res<C> | LaterAnswer<Res<C>>;

export interface RegistryOptions {
  isTrustedSender(sender: SenderInfo): boolean;
  logger: Logger;
  /** Called for every accepted call before its handler runs (the idle timer listens here). */
  onCall?(channel: ChannelName): void;
  /** Runs each accepted call's handler, so that the app can give the call a context of its own. */
  runCall?<T>(run: () => Promise<T>): Promise<T>;
  contract?: Record<string, ChannelDef<z.ZodType, unknown>>;
  /** Maps an unexpected error to an answer before the generic one (the database-damaged state); null to pass. */
  onUnexpected?(err: unknown): AppError | null;
}

/**
 * The path of the first key whose value is `undefined`. Electron's IPC keeps such keys (JSON would drop them), and a
 * handler that spreads its request would write `undefined` over a stored value, so every channel refuses them.
 */
export function undefinedKeyPath(value: unknown, path: string[] = [], depth = 0): string | null {
  if (depth > 20 || typeof value !== 'object' || value === null) return null;
  for (const [key, item] of Object.entries(value)) {
    if (item === undefined) return [...path, key].join('.');
    const inner = undefinedKeyPath(item, [...path, key], depth + 1);
    if (inner !== null) return inner;
  }
  return null;
}

/** Turns zod issues into one message for the coordinator plus a message per field for the form. */
export function describeValidation(error: z.ZodError): { message: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // The message never quotes what was sent, not even a field's name: messages are shown and may be copied on.
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] ??= 'This is not a field this form knows';
      continue;
    }
    const key = issue.path.map(String).join('.') || '_';
    fields[key] ??= issue.message;
  }
  const messages = Object.values(fields);
  const message =
    messages.length === 1
      ? `${messages[0]}. Nothing was changed.`
      : `${messages.length} fields need attention: ${messages.slice(0, 3).join('; ')}${messages.length > 3 ? '…' : ''}. Nothing was changed.`;
  return { message, fields };
}

export class IpcRegistry {
  private readonly handlers = new Map<string, (req: unknown, sender: SenderInfo) => unknown>();
  private readonly contract: Record<string, ChannelDef<z.ZodType, unknown>>;

  constructor(private readonly options: RegistryOptions) {
    this.contract = options.contract ?? defaultContract;
  }

  register<C extends ChannelName>(channel: C, handler: Handler<C>): void {
    if (!Object.prototype.hasOwnProperty.call(this.contract, channel)) throw new Error(`Channel ${channel} is not in the contract`);
    if (this.handlers.has(channel)) throw new Error(`Channel ${channel} already has a handler`);
    this.handlers.set(channel, handler as (req: unknown, sender: SenderInfo) => unknown);
  }

  /** Channels in the contract with no handler: the app refuses to start with any. */
  missing(): string[] {
    return Object.keys(this.contract).filter((name) => !this.handlers.has(name));
  }

  /** `options.answer: false`: the caller will not read the answer, so a handler's `answerLater` is not made (null). */
  async dispatch(channel: unknown, payload: unknown, sender: SenderInfo, options: DispatchOptions = {}): Promise<Result<unknown>> {
    try {
      return await this.answer(channel, payload, sender, options.answer !== false);
    } finally {
      // The phone numbers parsed for this call's validation are not kept past it (contract/phone.ts).
      forgetRecentPhones();
    }
  }

  private async answer(channel: unknown, payload: unknown, sender: SenderInfo, wanted: boolean): Promise<Result<unknown>> {
    if (!this.options.isTrustedSender(sender)) {
      this.options.logger.warn('ipc.rejected_sender');
      return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'This request did not come from the Reciprocal window and was refused.' } };
    }
    if (!isChannelName(channel) || !Object.prototype.hasOwnProperty.call(this.contract, channel) || !this.handlers.has(channel)) {
      this.options.logger.warn('ipc.unknown_channel');
      return { ok: false, error: { code: 'UNKNOWN_CHANNEL', message: 'The app asked for something it does not know how to do. Nothing was changed.' } };
    }
    if (exceedsLimits(payload)) {
      this.options.logger.warn('ipc.oversized_payload', { channel });
      return { ok: false, error: { code: 'VALIDATION', message: 'The request was far larger than any form sends, so it was refused. Nothing was changed.' } };
    }
    const undefinedAt = undefinedKeyPath(payload);
    if (undefinedAt !== null) {
      this.options.logger.info('ipc.invalid_payload', { channel });
      return {
        ok: false,
        error: { code: 'VALIDATION', message: 'A field was sent with no value. Nothing was changed.', fields: { [undefinedAt]: 'This field has no value' } },
      };
    }
    const def = this.contract[channel]!;
    const parsed = def.request.safeParse(payload ?? {});
    if (!parsed.success) {
      const { message, fields } = describeValidation(parsed.error);
      this.options.logger.info('ipc.invalid_payload', { channel });
      return { ok: false, error: { code: 'VALIDATION', message, fields } };
    }
    this.options.onCall?.(channel);
    const handler = this.handlers.get(channel)!;
    try {
      const call = async () => {
        const value = await handler(parsed.data, sender);
        // Made inside the call's own context, as the handler's other work is.
        return value instanceof LaterAnswer ? (wanted ? (value.make() as unknown) : null) : value;
      };
      const value = await (this.options.runCall ? this.options.runCall(call) : call());
      return { ok: true, value: value === undefined ? null : value };
    } catch (err) {
      if (err instanceof AppFailure) {
        this.options.logger.info('ipc.failure', { channel, code: err.code });
        return { ok: false, error: err.toError() };
      }
      // Only the code: SQLite messages can quote the values that failed a constraint.
      this.options.logger.error('ipc.unexpected', { channel, code: errorCodeOf(err) });
      return { ok: false, error: this.options.onUnexpected?.(err) ?? describeUnexpected(err) };
    }
  }
}

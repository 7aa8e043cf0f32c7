import { AtriumError } from '../../errors/atrium-error.js';
import type { AcceptedContext, Association, AssociationEnd, DimseMessage } from '../ul/association.js';
import { CommandField, isNormalized, NO_DATA_SET, type DimseCommand } from './dimse-command.js';
import { GeneralStatus, isPending } from '../../errors/dimse-statuses.js';

/** A request received on the association, for a {@link RequestHandler}. */
export interface IncomingRequest {
  readonly context: AcceptedContext;
  readonly command: DimseCommand;
  /** The data set (joined from its parts on first use). */
  readonly dataset?: Uint8Array;
  /** The data set as received, in slices (see {@link DimseMessage.datasetParts}). */
  readonly datasetParts?: readonly Uint8Array[];
}

/** What a handler uses to answer and to notice a C-CANCEL. */
export interface Responder {
  /**
   * Sends one response (C-xxx-RSP) to the request: CommandField, MessageIDBeingRespondedTo,
   * AffectedSOPClassUID and CommandDataSetType are filled in.
   */
  respond(fields: Partial<DimseCommand> & { Status: number }, dataset?: Uint8Array): Promise<void>;
  /** Aborted when the peer sends C-CANCEL for this request (PS3.7 §9.3.2.3) or the association ends. */
  readonly cancelled: AbortSignal;
  /** The connection, for sub-operations on the same association (C-GET). */
  readonly connection: DimseConnection;
}

/** Handles one request; the connection handles the next request after it resolves. */
export type RequestHandler = (request: IncomingRequest, responder: Responder) => Promise<void>;

/** A request's name as PS3.7 spells it (`N-ACTION`), from its Command Field; else the field in hex. */
function operationName(commandField: number): string {
  const key = Object.entries(CommandField).find(([, v]) => v === commandField)?.[0];
  if (key === undefined) return `Command Field 0x${commandField.toString(16)}`;
  const [, kind, op] = /^([CN])(.+?)(Rq|Rsp)$/.exec(key) ?? [];
  return kind && op ? `${kind}-${op.replace(/([a-z])([A-Z])/g, '$1-$2').toUpperCase()}` : key;
}

/**
 * The Affected SOP Class (and, for a DIMSE-N request, Instance) UID of a response: the
 * request's Affected or Requested one (PS3.7 §10.1: an N-GET / N-SET / N-ACTION / N-DELETE
 * response names the instance the request named), else the context's abstract syntax.
 */
function respondsAbout(command: DimseCommand, abstractSyntax: string): Partial<DimseCommand> {
  const sopClass = command.AffectedSOPClassUID ?? command.RequestedSOPClassUID ?? abstractSyntax;
  const instance = isNormalized(command.CommandField) ? command.AffectedSOPInstanceUID ?? command.RequestedSOPInstanceUID : undefined;
  return { ...(sopClass ? { AffectedSOPClassUID: sopClass } : {}), ...(instance ? { AffectedSOPInstanceUID: instance } : {}) };
}

interface Waiter {
  readonly queue: DimseMessage[];
  wake: (() => void) | undefined;
  ended: AssociationEnd | undefined;
}

/**
 * DIMSE over one association (PS3.7 §9): message IDs, response routing, the handling of
 * requests one at a time (no asynchronous operations are negotiated), and C-CANCEL,
 * which is routed to the request in progress while it runs. Used by both sides: an SCU
 * sends {@link request}s; an SCP (and an SCU receiving C-GET sub-operations) registers
 * handlers per Command Field.
 */
export class DimseConnection {
  private messageId = 0;
  private readonly waiting = new Map<number, Waiter>();
  private readonly queue: DimseMessage[] = [];
  private busy = false;
  private current: { messageId: number; controller: AbortController } | undefined;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: (() => void) | undefined;

  constructor(
    readonly association: Association,
    private readonly handlers: Partial<Record<number, RequestHandler>> = {},
  ) {
    association.onMessage = (m) => this.dispatch(m);
    association.onReleaseRequest = () => this.idle;
    void association.ended.then((end) => {
      this.current?.controller.abort(end.error ?? new AtriumError('ATRIUM_ERR_NET_NOT_OPEN', 'The association ended'));
      for (const w of this.waiting.values()) {
        w.ended = end;
        w.wake?.();
      }
    });
  }

  /** Next Message ID (1…65535). */
  nextMessageId(): number {
    this.messageId = (this.messageId % 0xffff) + 1;
    return this.messageId;
  }

  /** Registers (or replaces) the handler of a request Command Field. */
  handle(commandField: number, handler: RequestHandler): void {
    this.handlers[commandField] = handler;
  }

  /**
   * Sends a request and yields its responses until the final one (a status that is not
   * Pending). `command.MessageID` is assigned when absent.
   * @throws AtriumError `ATRIUM_ERR_NET_NOT_OPEN` / the association's end error when it
   *   ends before the final response.
   */
  async *request(contextId: number, command: Omit<DimseCommand, 'CommandDataSetType'>, dataset?: Uint8Array): AsyncGenerator<DimseMessage> {
    const MessageID = command.MessageID ?? this.nextMessageId();
    const waiter: Waiter = { queue: [], wake: undefined, ended: undefined };
    this.waiting.set(MessageID, waiter);
    try {
      await this.association.send({ contextId, command: { ...command, MessageID, CommandDataSetType: dataset ? 0 : NO_DATA_SET }, ...(dataset ? { dataset } : {}) });
      for (;;) {
        const next = waiter.queue.shift();
        if (next) {
          yield next;
          if (!isPending(next.command.Status ?? 0)) return;
          continue;
        }
        if (waiter.ended) {
          throw waiter.ended.error ?? new AtriumError('ATRIUM_ERR_NET_NOT_OPEN', `The association ended (${waiter.ended.how}) before the response to message ${MessageID}`);
        }
        await new Promise<void>((resolve) => (waiter.wake = resolve));
        waiter.wake = undefined;
      }
    } finally {
      this.waiting.delete(MessageID);
    }
  }

  /** Sends one request and returns its final response (C-ECHO, C-STORE). */
  async requestOnce(contextId: number, command: Omit<DimseCommand, 'CommandDataSetType'>, dataset?: Uint8Array): Promise<DimseMessage> {
    let last: DimseMessage | undefined;
    for await (const r of this.request(contextId, command, dataset)) last = r;
    return last!;
  }

  /**
   * Sends C-CANCEL for an outstanding C-FIND/C-MOVE/C-GET (PS3.7 §9.3.2.3) — only while it
   * is outstanding: once its final response has arrived (even if not yet read through
   * {@link request}) there is nothing to cancel and nothing is sent. Resolves true when sent.
   */
  async cancel(contextId: number, messageId: number): Promise<boolean> {
    const waiter = this.waiting.get(messageId);
    if (!waiter || waiter.ended || waiter.queue.some((m) => !isPending(m.command.Status ?? 0))) return false;
    await this.association.send({ contextId, command: { CommandField: CommandField.CCancelRq, MessageIDBeingRespondedTo: messageId, CommandDataSetType: NO_DATA_SET } });
    return true;
  }

  private dispatch(message: DimseMessage): void {
    const c = message.command;
    if (c.CommandField & 0x8000) {
      const w = this.waiting.get(c.MessageIDBeingRespondedTo ?? -1);
      if (!w) return; // a late response to a request given up on: ignored
      w.queue.push(message);
      w.wake?.();
      return;
    }
    if (c.CommandField === CommandField.CCancelRq) {
      if (this.current && this.current.messageId === c.MessageIDBeingRespondedTo) this.current.controller.abort(new AtriumError('ATRIUM_ERR_NET_CANCELLED', 'C-CANCEL received'));
      return;
    }
    this.queue.push(message);
    if (!this.busy) void this.drain();
  }

  private async drain(): Promise<void> {
    this.busy = true;
    this.idle = new Promise((resolve) => (this.markIdle = resolve));
    try {
      for (let m = this.queue.shift(); m; m = this.queue.shift()) await this.run(m);
    } finally {
      this.busy = false;
      this.markIdle?.();
    }
  }

  private async run(message: DimseMessage): Promise<void> {
    const { command } = message;
    const context = this.association.contexts.get(message.contextId)!;
    const controller = new AbortController();
    const messageId = command.MessageID ?? 0;
    this.current = { messageId, controller };
    const responder: Responder = {
      cancelled: controller.signal,
      connection: this,
      respond: (fields, dataset) => this.association.send({
        contextId: message.contextId,
        command: {
          CommandField: command.CommandField | 0x8000,
          MessageIDBeingRespondedTo: messageId,
          ...respondsAbout(command, context.abstractSyntax),
          ...fields,
          CommandDataSetType: dataset ? 0 : NO_DATA_SET,
        },
        ...(dataset ? { dataset } : {}),
      }),
    };
    const handler = this.handlers[command.CommandField];
    try {
      if (!handler) {
        // PS3.7 §C.4.2: unrecognized operation.
        await responder.respond({ Status: GeneralStatus.UnrecognizedOperation.code, ErrorComment: `${operationName(command.CommandField)} is not performed by this AE` });
        return;
      }
      const request: IncomingRequest = message.datasetParts
        ? { context, command, datasetParts: message.datasetParts, get dataset() { return message.dataset; } }
        : { context, command };
      await handler(request, responder);
    } catch (e) {
      if (this.association.open) {
        // A handler that fails answers "processing failure" (0110) and the association goes on.
        await responder.respond({ Status: GeneralStatus.ProcessingFailure.code, ErrorComment: String((e as Error).message ?? e).slice(0, 64) }).catch(() => undefined);
      }
    } finally {
      this.current = undefined;
    }
  }
}

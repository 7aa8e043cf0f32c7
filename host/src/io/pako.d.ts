/** The part of pako (zlib in JavaScript; the host's dependency) the streaming inflate uses. */
declare module 'pako' {
  /** A raw or zlib inflate fed chunk by chunk: `onData` gets each output chunk (a new array each time). */
  export class Inflate {
    constructor(options?: { readonly raw?: boolean; readonly chunkSize?: number });
    /** Feeds `data`; `final` on the last chunk. False once the stream failed or had ended. */
    push(data: Uint8Array, final?: boolean): boolean;
    onData: (chunk: Uint8Array) => void;
    /** The stream ended (complete, or failed: see `err`). */
    readonly ended: boolean;
    /** 0, or zlib's error status. */
    readonly err: number;
    /** zlib's message for `err`, when it has one. */
    readonly msg: string;
  }
}

import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { PluginStorage } from '@atrium/sdk';
import { AtriumError } from '../errors/atrium-error.js';
import { PluginErrorCode } from './plugin-problem.js';

/**
 * A plugin's {@link PluginStorage} kept in one JSON file (written atomically: temporary
 * file, fsync, rename). Operations run one at a time in call order; values go in and come out
 * as JSON copies, so a plugin never shares an object with the host. Failures throw
 * `ATRIUM_ERR_PLUGIN_STORAGE` naming the plugin and the file.
 */
export class JsonPluginStorage implements PluginStorage {
  private values: Record<string, unknown> | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly pluginId: string,
    /** Absolute path of the JSON file. */
    readonly file: string,
  ) {}

  get<T = unknown>(key: string): Promise<T | undefined> {
    return this.enqueue(async () => {
      this.checkKey(key);
      const values = await this.load();
      return Object.hasOwn(values, key) ? (structuredClone(values[key]) as T) : undefined;
    });
  }

  set(key: string, value: unknown): Promise<void> {
    return this.enqueue(async () => {
      this.checkKey(key);
      if (value === undefined) return this.remove(key);
      let json: string | undefined;
      try {
        json = JSON.stringify(value);
      } catch (e) {
        throw this.error(`value for "${key}" is not JSON-serialisable: ${(e as Error).message}`, key);
      }
      if (json === undefined) throw this.error(`value for "${key}" is not JSON-serialisable (${typeof value})`, key);
      const values = await this.load();
      values[key] = JSON.parse(json);
      await this.save(values);
    });
  }

  delete(key: string): Promise<void> {
    return this.enqueue(async () => {
      this.checkKey(key);
      await this.remove(key);
    });
  }

  private async remove(key: string): Promise<void> {
    const values = await this.load();
    if (!Object.hasOwn(values, key)) return;
    delete values[key];
    await this.save(values);
  }

  private enqueue<T>(op: () => Promise<T>): Promise<T> {
    const next = this.queue.then(op, op);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private checkKey(key: unknown): void {
    if (typeof key !== 'string' || key === '') throw this.error('storage keys must be non-empty strings', String(key));
  }

  private async load(): Promise<Record<string, unknown>> {
    if (this.values) return this.values;
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return (this.values = {});
      throw this.error(`cannot read ${this.file}: ${(e as Error).message}`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw this.error(`${this.file} is not valid JSON: ${(e as Error).message}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw this.error(`${this.file} does not hold a JSON object`);
    return (this.values = parsed as Record<string, unknown>);
  }

  private async save(values: Record<string, unknown>): Promise<void> {
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      await mkdir(dirname(this.file), { recursive: true });
      const handle = await open(tmp, 'w');
      try {
        await handle.writeFile(`${JSON.stringify(values, undefined, 2)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, this.file);
    } catch (e) {
      this.values = undefined; // re-read what is really on disk next time
      throw this.error(`cannot write ${this.file}: ${(e as Error).message}`);
    }
  }

  private error(text: string, key?: string): AtriumError {
    return new AtriumError(PluginErrorCode.STORAGE, `plugin ${this.pluginId}: storage: ${text}`, key === undefined ? { pluginId: this.pluginId, file: this.file } : { pluginId: this.pluginId, file: this.file, key });
  }
}

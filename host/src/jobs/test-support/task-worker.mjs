// A worker for the runInWorker tests; `data.mode` picks the behaviour.
import { threadId } from 'node:worker_threads';
import { AtriumError } from '../../errors/atrium-error.js';
import { runWorkerTask } from '../worker-task.js';

runWorkerTask(async (data, io) => {
  switch (data.mode) {
    case 'double':
      io.emit({ progress: 0.5, threadId });
      return { doubled: data.n * 2, threadId };
    case 'throw-atrium':
      throw new AtriumError('ATRIUM_ERR_TEST_BUSY', 'peer is busy', { retryable: true, peer: 'PACS' });
    case 'throw-plain':
      throw new Error('plain failure in worker');
    case 'exit':
      process.exit(3);
      break;
    case 'uncaught':
      setTimeout(() => {
        throw new Error('uncaught in a timer');
      }, 0);
      return new Promise(() => {});
    case 'hang':
      io.emit({ hanging: threadId });
      for (;;) {
        // busy: only terminate() stops it
      }
    case 'call': {
      const sum = await io.callMain('add', 2, 3);
      const stored = await io.callMain('store', { bytes: new Uint8Array([1, 2, 3]) });
      let refused;
      try {
        await io.callMain('refuse');
      } catch (e) {
        refused = { name: e.name, code: e.code, message: e.message, details: e.details };
      }
      let missing;
      try {
        await io.callMain('noSuchMethod');
      } catch (e) {
        missing = e.code;
      }
      return { sum, stored, refused, missing };
    }
    case 'unclonable':
      return { f: () => 1 };
    default:
      throw new Error(`unknown mode ${data.mode}`);
  }
});

// A stand-in for postgres-worker.js that speaks the bridge's protocol but misbehaves as the
// URL's path says, to test that PostgresDatabase never pairs an answer with the wrong request.
// Every answer's rows are [{ text }]: the statement it answers.
//   /late-notify   before each answer, a wake with no answer (the late notify of the previous
//                  answer, when this thread was descheduled between its store and its notify)
//   /wrong-seq     "SELECT 'wrong'" is answered with the number of the request before it
//   /no-answer     "SELECT 'none'" is signalled answered but nothing is posted
//   /late-answer   "SELECT 'slow'" is answered after 500 ms
import { workerData } from 'node:worker_threads';

const { url, flag, port } = workerData;
const mode = new URL(url).pathname.slice(1);
const signal = new Int32Array(flag);

function signalAnswered(seq) {
  Atomics.store(signal, 0, seq);
  Atomics.notify(signal, 0);
}

function answer(req) {
  const text = req.kind === 'end' ? 'end' : req.text;
  if (mode === 'no-answer' && text === "SELECT 'none'") return signalAnswered(req.seq);
  const seq = mode === 'wrong-seq' && text === "SELECT 'wrong'" ? req.seq - 1 : req.seq;
  port.postMessage({ seq, ok: true, rows: [{ text }], rowCount: 1 });
  signalAnswered(req.seq);
}

port.on('message', (req) => {
  if (mode === 'late-notify') {
    Atomics.notify(signal, 0);
    setTimeout(() => answer(req), 20);
  } else if (mode === 'late-answer' && req.text === "SELECT 'slow'") {
    setTimeout(() => answer(req), 500);
  } else {
    answer(req);
  }
});

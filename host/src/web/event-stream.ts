import type { ServerEvent } from './api-types.js';
import { jobSummary } from './job-summary.js';
import type { WebServices } from './web-services.js';

/** One connected client of `GET /api/events`: gets each event as an SSE message; ended when the server closes. */
export interface EventClient {
  send(message: string): void;
  end(): void;
}

/**
 * The server's events fanned out to every connected event-stream client: job changes and
 * progress from the queue, instances stored and series completed from the store's one
 * commit path. Each message is `event: <type>\nid: <n>\ndata: <json>\n\n` (Server-Sent
 * Events, WHATWG HTML §9.2). Created with the server, disposed when it closes.
 */
export class EventStream {
  private readonly clients = new Set<EventClient>();
  private readonly disposers: (() => void)[] = [];
  private sequence = 0;

  constructor(services: WebServices) {
    const jobs = services.queue.onDidChangeJob(({ job, previousState }) => this.publish({ type: 'job', job: jobSummary(job), ...(previousState ? { previousState } : {}) }));
    const progress = services.queue.onDidProgressJob((e) => this.publish({ type: 'job-progress', jobId: e.jobId, jobType: e.type, progress: e.progress, ...(e.message !== undefined ? { message: e.message } : {}) }));
    const store = services.workstation.store.events.listen({
      instanceStored: (i) => this.publish({ type: 'instance-stored', status: i.status, StudyInstanceUID: i.StudyInstanceUID, SeriesInstanceUID: i.SeriesInstanceUID, SOPInstanceUID: i.SOPInstanceUID, SOPClassUID: i.SOPClassUID, source: i.source }),
      seriesComplete: (s) => this.publish({ type: 'series-complete', StudyInstanceUID: s.StudyInstanceUID, SeriesInstanceUID: s.SeriesInstanceUID, instances: s.instances }),
    });
    this.disposers.push(() => jobs.dispose(), () => progress.dispose(), store);
  }

  /** Add a client; returns the function that removes it. */
  connect(client: EventClient): () => void {
    this.clients.add(client);
    return () => this.clients.delete(client);
  }

  get size(): number {
    return this.clients.size;
  }

  private publish(event: ServerEvent): void {
    if (this.clients.size === 0) return;
    const message = `event: ${event.type}\nid: ${++this.sequence}\ndata: ${JSON.stringify(event)}\n\n`;
    for (const client of [...this.clients]) client.send(message);
  }

  /** Stop listening and end every client's stream (the server is closing). */
  dispose(): void {
    this.disposers.splice(0).forEach((d) => d());
    for (const client of [...this.clients]) client.end();
    this.clients.clear();
  }
}

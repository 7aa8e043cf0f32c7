import type { JobSummary, ServerEvent } from '../../../host/src/web/api-types';
import { api } from './api-client';

type Listener = (event: ServerEvent) => void;

/**
 * The server's event stream (`GET /api/events`, Server-Sent Events): job changes and progress,
 * stored instances. One EventSource per page; the browser reconnects by itself. Events are not
 * replayed, so `waitForJob` also asks for the job's state after subscribing.
 */
export class EventStream {
  private readonly listeners = new Set<Listener>();
  private source: EventSource | undefined;

  start(): void {
    if (this.source) return;
    this.source = new EventSource('/api/events', { withCredentials: true });
    const dispatch = (e: MessageEvent<string>) => {
      let event: ServerEvent;
      try {
        event = JSON.parse(e.data) as ServerEvent;
      } catch {
        return;
      }
      for (const fn of this.listeners) fn(event);
    };
    for (const type of ['job', 'job-progress', 'instance-stored', 'series-complete']) this.source.addEventListener(type, dispatch as EventListener);
  }

  on(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /**
   * Follow one job to its end: `onUpdate` for every change and progress; resolves with the final
   * summary (completed, failed or cancelled). Polls every 2 s as well, in case the stream dropped.
   */
  waitForJob(job: JobSummary, onUpdate: (job: JobSummary) => void): Promise<JobSummary> {
    const done = (j: JobSummary) => j.state === 'completed' || j.state === 'failed' || j.state === 'cancelled';
    return new Promise((resolve) => {
      let current = job;
      let finished = false;
      const finish = (j: JobSummary) => {
        if (finished) return;
        finished = true;
        off();
        clearInterval(timer);
        onUpdate(j);
        resolve(j);
      };
      const update = (j: JobSummary) => {
        current = j;
        if (done(j)) finish(j);
        else onUpdate(j);
      };
      const off = this.on((e) => {
        if (e.type === 'job' && e.job.id === job.id) update(e.job);
        else if (e.type === 'job-progress' && e.jobId === job.id) update({ ...current, progress: e.progress, message: e.message ?? current.message });
      });
      const poll = () => api.job(job.id).then(update, () => undefined);
      const timer = setInterval(poll, 2000);
      if (done(job)) finish(job);
      else void poll();
    });
  }
}

export const events = new EventStream();

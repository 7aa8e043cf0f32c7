import { hostname } from 'node:os';

/**
 * The id of this host among those sharing one index (on PostgreSQL): `$ATRIUM_HOST_ID`, else
 * the machine's host name. A job's owner is this id and a process id, since a process id
 * means something only on its own host. Give each host a distinct id when host names may
 * repeat (containers), or to run several "hosts" on one machine (the multi-host tests).
 */
export function hostId(): string {
  const id = process.env.ATRIUM_HOST_ID?.trim();
  return id !== undefined && id !== '' ? id : (machineName ??= hostname());
}

/** The machine's host name, read once (a system call each time otherwise; it does not change under a running process). */
let machineName: string | undefined;

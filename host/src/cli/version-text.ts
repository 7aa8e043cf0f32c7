import { readFileSync } from 'node:fs';
import { SDK_VERSION } from '@atrium/sdk/core';

/** `atrium --version`: the host package's version, the SDK's (plugins declare a range of it), Node's. */
export function versionText(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `atrium ${pkg.version} (@atrium/sdk ${SDK_VERSION}, Node ${process.version})`;
}

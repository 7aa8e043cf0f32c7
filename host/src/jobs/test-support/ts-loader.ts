/** Node options that let a child process or worker load the host's TypeScript sources (tests only). */
export const TS_EXEC_ARGV: readonly string[] = ['--import', new URL('./ts-register.mjs', import.meta.url).href];

import { serviceToken } from '../../core/service-token.js';
import type { NetworkConfig } from '../config/network-config.js';
import type { WorkstationServer } from './workstation-server.js';

/**
 * Makes the workstation's DICOM server on the host's store, AE table and network settings
 * (the settings in force, with `overrides` such as `atrium serve --port`); `log` gets its
 * event lines. The net module binds it; nothing listens until `server.listen()`.
 */
export type WorkstationServerFactory = (overrides: Partial<NetworkConfig>, log: (line: string) => void) => WorkstationServer;
/** DI token of {@link WorkstationServerFactory}. */
export const WorkstationServerFactory = serviceToken<WorkstationServerFactory>('WorkstationServerFactory');

import './node-globals';
import { captureToken } from './api/auth';
import { events } from './api/event-stream';
import { setUpCornerstone } from './viewer/cornerstone-setup';
import { Workstation } from './workstation';
import './style.css';

captureToken();
events.start();
await setUpCornerstone();
const workstation = new Workstation(document.getElementById('app')!);
await workstation.start();
/** For the browser tests and the console: the viewer, the browser, the seed layer. */
(window as unknown as { atrium: Workstation }).atrium = workstation;

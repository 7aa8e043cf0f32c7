import { captureToken } from './api/auth';
import { events } from './api/event-stream';
import { Workstation } from './workstation';
import './style.css';

captureToken();
events.start();
const workstation = new Workstation(document.getElementById('app')!);
void workstation.start();
(window as unknown as { atrium: Workstation }).atrium = workstation;

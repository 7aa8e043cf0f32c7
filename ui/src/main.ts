import { init as coreInit } from '@cornerstonejs/core';
import { init as loaderInit } from '@cornerstonejs/dicom-image-loader';
import { init as toolsInit } from '@cornerstonejs/tools';

await coreInit();
loaderInit({ maxWebWorkers: 1 });
toolsInit();
document.getElementById('app')!.textContent = 'ok';

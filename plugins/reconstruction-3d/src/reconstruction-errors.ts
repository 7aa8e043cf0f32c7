import { defineErrors } from '@atrium/sdk';

/** The 3-D reconstruction plugin's own error codes (`atrium help errors` lists them under the plugin). */
export const reconstructionErrors = defineErrors({
  ATRIUM_ERR_MESH_FILE: { message: 'The surface mesh file (STL or OBJ) could not be written (the reason is given).', http: 500 },
});

// The page of the host's render service, run in headless Chromium (bundled by esbuild from this
// file and the vtk.js modules it imports, never the vtk.js barrels). It draws one scene — a volume
// (vtkVolumeMapper: composite, maximum / minimum / average intensity) and triangle meshes, clipped
// to a box — for each camera, on WebGL2, and returns the pixels. The host serves the large arrays
// under /data/<id>; everything else comes in the scene description.
import '@kitware/vtk.js/Rendering/Profiles/Volume.js';
import '@kitware/vtk.js/Rendering/Profiles/Geometry.js';
import vtkDataArray from '@kitware/vtk.js/Common/Core/DataArray.js';
import vtkImageData from '@kitware/vtk.js/Common/DataModel/ImageData.js';
import vtkPiecewiseFunction from '@kitware/vtk.js/Common/DataModel/PiecewiseFunction.js';
import vtkPlane from '@kitware/vtk.js/Common/DataModel/Plane.js';
import vtkPolyData from '@kitware/vtk.js/Common/DataModel/PolyData.js';
import vtkPolyDataNormals from '@kitware/vtk.js/Filters/Core/PolyDataNormals.js';
import vtkActor from '@kitware/vtk.js/Rendering/Core/Actor.js';
import vtkColorTransferFunction from '@kitware/vtk.js/Rendering/Core/ColorTransferFunction.js';
import vtkMapper from '@kitware/vtk.js/Rendering/Core/Mapper.js';
import vtkRenderer from '@kitware/vtk.js/Rendering/Core/Renderer.js';
import vtkRenderWindow from '@kitware/vtk.js/Rendering/Core/RenderWindow.js';
import vtkRenderWindowInteractor from '@kitware/vtk.js/Rendering/Core/RenderWindowInteractor.js';
import vtkVolume from '@kitware/vtk.js/Rendering/Core/Volume.js';
import vtkVolumeMapper from '@kitware/vtk.js/Rendering/Core/VolumeMapper.js';
import vtkOpenGLRenderWindow from '@kitware/vtk.js/Rendering/OpenGL/RenderWindow.js';

const ARRAYS = { int16: Int16Array, float32: Float32Array, uint32: Uint32Array };

async function fetchArray(ref) {
  const response = await fetch(`/data/${ref.id}`);
  if (!response.ok) throw new Error(`array ${ref.id}: HTTP ${response.status}`);
  return new ARRAYS[ref.type](await response.arrayBuffer());
}

function volumeActor(desc, voxels, planes) {
  const image = vtkImageData.newInstance();
  image.setDimensions(desc.grid.dimensions);
  image.setSpacing(desc.grid.spacing);
  image.setOrigin(desc.grid.origin);
  // Columns of vtk.js's direction matrix: the i, j, k axes in patient coordinates.
  image.setDirection([...desc.grid.direction[0], ...desc.grid.direction[1], ...desc.grid.direction[2]]);
  image.getPointData().setScalars(vtkDataArray.newInstance({ values: voxels, numberOfComponents: 1, name: 'voxels' }));
  const mapper = vtkVolumeMapper.newInstance();
  mapper.setInputData(image);
  mapper.setSampleDistance(desc.sampleDistance);
  const blend = { composite: 'setBlendModeToComposite', maximum: 'setBlendModeToMaximumIntensity', minimum: 'setBlendModeToMinimumIntensity', average: 'setBlendModeToAverageIntensity' }[desc.blend];
  mapper[blend]();
  for (const plane of planes) mapper.addClippingPlane(plane);
  const colour = vtkColorTransferFunction.newInstance();
  const opacity = vtkPiecewiseFunction.newInstance();
  for (const p of desc.transfer) {
    colour.addRGBPoint(p.value, ...p.colour);
    opacity.addPoint(p.value, p.opacity);
  }
  const actor = vtkVolume.newInstance();
  actor.setMapper(mapper);
  const property = actor.getProperty();
  property.setRGBTransferFunction(0, colour);
  property.setScalarOpacity(0, opacity);
  property.setInterpolationTypeToLinear();
  property.setShade(desc.blend === 'composite' && desc.shade === true);
  property.setAmbient(0.25);
  property.setDiffuse(0.8);
  property.setSpecular(0.15);
  return actor;
}

function surfaceActor(desc, positions, triangles, planes) {
  const cells = new Uint32Array((triangles.length / 3) * 4);
  for (let t = 0, c = 0; t < triangles.length; t += 3, c += 4) {
    cells[c] = 3;
    cells[c + 1] = triangles[t];
    cells[c + 2] = triangles[t + 1];
    cells[c + 3] = triangles[t + 2];
  }
  const polyData = vtkPolyData.newInstance();
  polyData.getPoints().setData(positions, 3);
  polyData.getPolys().setData(cells);
  const normals = vtkPolyDataNormals.newInstance();
  normals.setInputData(polyData);
  const mapper = vtkMapper.newInstance();
  mapper.setInputConnection(normals.getOutputPort());
  for (const plane of planes) mapper.addClippingPlane(plane);
  const actor = vtkActor.newInstance();
  actor.setMapper(mapper);
  actor.getProperty().setColor(...desc.colour);
  actor.getProperty().setOpacity(desc.opacity);
  actor.getProperty().setSpecular(0.2);
  return actor;
}

/** Six planes keeping the inside of a patient-axis-aligned box. */
function clipPlanes(box) {
  if (!box) return [];
  const planes = [];
  for (let a = 0; a < 3; a++) {
    const normal = [0, 0, 0];
    normal[a] = 1;
    planes.push(vtkPlane.newInstance({ origin: box.min, normal: [...normal] }));
    normal[a] = -1;
    planes.push(vtkPlane.newInstance({ origin: box.max, normal: [...normal] }));
  }
  return planes;
}

function toBase64(bytes) {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** Draw the scene once per camera; each image is RGBA rows from the top, base64. */
window.atriumRenderScene = async (scene) => {
  const { width, height } = scene;
  const container = document.createElement('div');
  container.style.width = `${width}px`;
  container.style.height = `${height}px`;
  document.body.appendChild(container);
  const renderWindow = vtkRenderWindow.newInstance();
  const renderer = vtkRenderer.newInstance({ background: scene.background });
  renderWindow.addRenderer(renderer);
  const view = vtkOpenGLRenderWindow.newInstance();
  view.setContainer(container);
  view.setSize(width, height);
  renderWindow.addView(view);
  // The volume mapper asks the interactor whether the user is moving the camera.
  const interactor = vtkRenderWindowInteractor.newInstance();
  interactor.setView(view);
  interactor.initialize();
  try {
    const planes = clipPlanes(scene.clipBox);
    if (scene.volume) renderer.addVolume(volumeActor(scene.volume, await fetchArray(scene.volume.voxels), planes));
    for (const s of scene.surfaces) renderer.addActor(surfaceActor(s, await fetchArray(s.positions), await fetchArray(s.triangles), planes));
    const camera = renderer.getActiveCamera();
    camera.setParallelProjection(true);
    const images = [];
    for (const c of scene.cameras) {
      const started = performance.now();
      camera.setFocalPoint(...c.focalPoint);
      camera.setPosition(...c.position);
      camera.setViewUp(...c.viewUp);
      camera.setParallelScale(c.parallelScale);
      renderer.resetCameraClippingRange();
      renderWindow.render();
      const rgba = view.getPixelData(0, 0, width - 1, height - 1);
      const flipped = new Uint8Array(rgba.length);
      const stride = width * 4;
      for (let y = 0; y < height; y++) flipped.set(rgba.subarray((height - 1 - y) * stride, (height - y) * stride), y * stride);
      images.push({ rgba: toBase64(flipped), ms: performance.now() - started });
    }
    return { images, webgl2: view.getContext() instanceof WebGL2RenderingContext };
  } finally {
    interactor.delete();
    const gl = view.getContext();
    view.delete();
    renderWindow.delete();
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    container.remove();
  }
};

window.atriumRenderReady = true;

/** inversify, for host code only (plugins never see a container): import it from here. */
export { Container, ContainerModule, type ContainerModuleLoadOptions, type ResolutionContext, type ServiceIdentifier } from 'inversify';

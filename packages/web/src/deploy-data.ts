// What the deployments page reads in one go: the use case, its versions, the deployment record, its events, the aliases and who is who.
import type { AliasesResponse, Deployment, DeploymentEvents, ModelVersion, UseCase } from '@shopfloor/contracts';
import type { ApiClient } from './api.js';
import { aliases, deploymentEvents, getDeployment, userNames } from './operator-api.js';

export interface DeploymentsData {
  useCase: UseCase;
  models: ModelVersion[];
  deployment: Deployment;
  events: DeploymentEvents;
  aliases: AliasesResponse;
  names: Map<string, string>;
}

export async function loadDeployments(api: ApiClient, useCaseId: string, signal: AbortSignal): Promise<DeploymentsData> {
  const [useCase, models, deployment, events, aliasState, names] = await Promise.all([
    api.getUseCase(useCaseId, signal),
    api.listModels(useCaseId, signal),
    getDeployment(api, useCaseId, signal),
    deploymentEvents(api, useCaseId, signal),
    aliases(api, useCaseId, signal),
    userNames(api, signal),
  ]);
  return { useCase, models, deployment, events, aliases: aliasState, names };
}

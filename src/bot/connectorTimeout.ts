// A time limit on every request a Bot Framework ConnectorClient sends (replies, proactive messages). botbuilder
// sets none: a reply to a service URL that accepts the connection and never answers held a turn (and its
// conversation's queue) for as long as the peer liked — 44.7 s in the audit of issue 23. ConnectorFactoryImpl
// replaces any requestPolicyFactories given in ConnectorClientOptions, so the limit is added to the client's
// own pipeline (@azure/core-rest-pipeline: a request's `timeout` aborts it) once the factory has built it.
import type { ConnectorClient } from 'botframework-connector';

const POLICY = 'hotlineRequestTimeout';

/** The parts of @azure/core-rest-pipeline's PipelinePolicy used here (a transitive package: not imported). */
interface PipelineRequest {
  timeout: number;
}
interface PipelinePolicy {
  name: string;
  sendRequest(request: PipelineRequest, next: (request: PipelineRequest) => Promise<unknown>): Promise<unknown>;
}
interface WithPipeline {
  client?: { pipeline?: { addPolicy(policy: PipelinePolicy): void; getOrderedPolicies(): PipelinePolicy[] } };
}

/** Gives each request of the client at most `timeoutMs` (a request with a shorter limit keeps it). */
export function limitRequestTime(connector: ConnectorClient, timeoutMs: number): ConnectorClient {
  const pipeline = (connector as unknown as WithPipeline).client?.pipeline;
  if (!pipeline) throw new Error('ConnectorClient without a request pipeline: botbuilder changed; the request time limit cannot be set');
  if (!pipeline.getOrderedPolicies().some((p) => p.name === POLICY)) {
    pipeline.addPolicy({
      name: POLICY,
      sendRequest(request: PipelineRequest, next) {
        if (!request.timeout || request.timeout > timeoutMs) request.timeout = timeoutMs;
        return next(request);
      },
    });
  }
  return connector;
}

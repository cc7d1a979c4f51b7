import {
  arrayFromPayloads,
  type LoadedDataConverter,
  type Payload,
  type SerializationContext,
} from '@temporalio/common';

/** Decodes history payloads; bound to one project's data converter and namespace. */
export type PayloadDecoder = (
  payloads: readonly Payload[] | null | undefined,
  context: SerializationContext,
) => Promise<unknown[]>;

/**
 * A decoder that runs the client's payload codecs (last one first, as the SDK does) and then its
 * payload converter, so history reads the same values the workflow saw, encrypted or not.
 *
 * @example
 * const decode = createPayloadDecoder(client.options.loadedDataConverter);
 * const [args] = await decode(started.input?.payloads, { type: 'workflow', namespace, workflowId });
 */
export function createPayloadDecoder(converter: LoadedDataConverter): PayloadDecoder {
  return async (payloads, context) => {
    if (!payloads || payloads.length === 0) return [];
    let decoded: Payload[] = [...payloads];
    for (const codec of [...converter.payloadCodecs].reverse())
      decoded = await codec.decode(decoded, context);
    return arrayFromPayloads(converter.payloadConverter, decoded, context);
  };
}

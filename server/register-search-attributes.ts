import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { SOP_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

const GRPC_UNIMPLEMENTED = 12;
const GRPC_ALREADY_EXISTS = 6;

async function existingNames(connection: Connection, namespace: string): Promise<Set<string>> {
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace });
    return new Set([...Object.keys(existing.customAttributes), ...Object.keys(existing.systemAttributes)]);
  } catch (error) {
    // The time-skipping test server can add search attributes but not list them.
    if ((error as { code?: number }).code === GRPC_UNIMPLEMENTED) return new Set();
    throw error;
  }
}

/**
 * Registers the project search attributes on a namespace (idempotent: attributes that already
 * exist are left alone). Projects fail their workflow tasks until this is done, so `npm start` and
 * the tests call it before starting workers.
 */
export async function registerSearchAttributes(connection: Connection, namespace: string): Promise<void> {
  const known = await existingNames(connection, namespace);
  const missing: Record<string, temporal.api.enums.v1.IndexedValueType> = {};
  for (const key of SOP_SEARCH_ATTRIBUTES) {
    if (!known.has(key.name))
      missing[key.name] = temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${key.type}`];
  }
  if (Object.keys(missing).length === 0) return;
  try {
    await connection.operatorService.addSearchAttributes({ namespace, searchAttributes: missing });
  } catch (error) {
    if ((error as { code?: number }).code !== GRPC_ALREADY_EXISTS) throw error;
  }
}

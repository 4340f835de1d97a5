/**
 * Attribute storage: {@link io.hiveiot.deviceapi.attributes.AttributeStore} keeps client and shared attributes,
 * reports which values a save changed and which keys a delete removed, and answers attribute requests for both
 * scopes in one read.
 */
package io.hiveiot.deviceapi.attributes;

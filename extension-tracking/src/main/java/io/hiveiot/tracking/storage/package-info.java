/** tracking.db: opening and migrating the one database this extension owns. */
package io.hiveiot.tracking.storage;

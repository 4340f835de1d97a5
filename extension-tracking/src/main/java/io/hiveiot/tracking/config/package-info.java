/** conf/config.xml: strict reading into immutable records, with the defaults in one place. */
package io.hiveiot.tracking.config;

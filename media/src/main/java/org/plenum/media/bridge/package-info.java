/**
 * A pool of Janus bridges: health and load sampling, placement of rooms by load score, cascading a room across two
 * bridges with VideoRoom remote publishers.
 */
package org.plenum.media.bridge;

package org.bonelesion.io;

import java.util.Map;

import org.bonelesion.core.ShortVolume;
import org.bonelesion.core.ValueCalibration;

/**
 * A volume as read from a file: unsigned 16-bit grey values (8-bit data widened; signed or
 * float data mapped linearly, the map kept in {@code values}), the spacing found in the file
 * (null if none: the volume is then uncalibrated) and what the reader learned on the way.
 *
 * @param volume the grey values; its spacing is the file's, possibly null
 * @param values raw grey value to physical value (density, HU, attenuation), or NONE
 * @param format a short name of the file format
 * @param info   metadata worth recording in the provenance
 */
public record LoadedVolume(ShortVolume volume, ValueCalibration values, String format, Map<String, Object> info) {}

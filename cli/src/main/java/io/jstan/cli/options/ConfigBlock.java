package io.jstan.cli.options;

import java.util.Map;

/**
 * A block of the configuration file read whole by one {@link ConfigKey} method, for blocks
 * whose keys are not known in advance (channel names) or come in many spellings.
 *
 * @param key     where the block is, as the user wrote it ({@code streaming.store_limits}), for messages
 * @param entries the block's keys and values, as parsed
 */
record ConfigBlock(String key, Map<String, Object> entries) {
}

"""The answer engine: understanding (nlu), memory, tools and the engines that answer a turn."""

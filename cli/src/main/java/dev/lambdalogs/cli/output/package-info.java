/** Output formatting, apart from the logic: text tables for people, JSON documents for scripts. */
package dev.lambdalogs.cli.output;

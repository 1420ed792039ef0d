package dev.lambdalogs.cli.service;

import java.net.URI;

/**
 * How to reach AWS, as the command line chose: each null resolves as the AWS CLI resolves it.
 *
 * @param region --region
 * @param profile --profile, a named profile of ~/.aws/config
 * @param endpoint --endpoint-url: every call goes there (an emulator, an S3-compatible store)
 */
public record AwsConfig(String region, String profile, URI endpoint) {}

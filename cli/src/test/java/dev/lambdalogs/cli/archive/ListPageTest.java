package dev.lambdalogs.cli.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ListPageTest {
  @Test
  void readsKeysSizesPrefixesAndTheNextPageAsS3WritesThem() {
    String xml =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>team-logs</Name>
        <Prefix>a &amp; b/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys><IsTruncated>true</IsTruncated>
        <NextContinuationToken>1x+/Tok&amp;en==</NextContinuationToken>
        <Contents><Key>a &amp; b/f/&lt;1&gt;&quot;x&apos;.gz</Key><LastModified>2026-11-24T10:00:00.000Z</LastModified>
        <ETag>&quot;0f&quot;</ETag><Size>1234</Size><StorageClass>STANDARD</StorageClass></Contents>
        <Contents><Key>a &amp; b/f/caf&#233;-&#x1F600;.gz</Key><Size> 7 </Size></Contents>
        <CommonPrefixes><Prefix>a &amp; b/greeter_fn/</Prefix></CommonPrefixes>
        </ListBucketResult>""";
    ListPage page = ListPage.parse(xml);
    assertThat(page.objects())
        .containsExactly(
            new Source.ObjectRef(
                "a & b/f/<1>\"x'.gz", 1234, Instant.parse("2026-11-24T10:00:00Z").toEpochMilli()),
            new Source.ObjectRef("a & b/f/café-\uD83D\uDE00.gz", 7, -1));
    assertThat(page.prefixes()).containsExactly("a & b/greeter_fn/");
    assertThat(page.next()).isEqualTo("1x+/Tok&en==");
  }

  @Test
  void theLastPageHasNoNextToken() {
    ListPage page =
        ListPage.parse(
            "<ListBucketResult><IsTruncated>false</IsTruncated><KeyCount>0</KeyCount></ListBucketResult>");
    assertThat(page.objects()).isEmpty();
    assertThat(page.next()).isNull();
  }

  @Test
  void refusesWhatItCannotRead() {
    assertThatThrownBy(() -> ListPage.parse("<ListBucketResult><Contents><Key>k</Key>"))
        .hasMessageContaining("unclosed <Contents>");
    assertThatThrownBy(() -> ListPage.unescape("a&nbsp;b")).hasMessageContaining("&nbsp;");
  }
}

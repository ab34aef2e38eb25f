using ApexFleet.Domain.Fleet;

namespace ApexFleet.Domain.Tests.Telemetry;

public class ReportBatchTests
{
    [Fact]
    public void A_report_always_gets_the_same_batch_id_and_no_other_report_gets_it()
    {
        // SHA-256 of the UTF-8 id followed by the sequence as 8 little-endian bytes, first 16 bytes as a Guid (python3 hashlib, uuid bytes_le).
        Assert.Equal(Guid.Parse("17c27904-8e82-db81-0c96-842f8e652b0a"), ReportBatch.IdOf("phone-1", 7));
        Assert.Equal(Guid.Parse("bd1c6c80-0bac-c65b-baff-692c7ce6af61"), ReportBatch.IdOf("phone-1", 8));
        Assert.Equal(Guid.Parse("e11d7d91-66c8-8da5-33b9-f59ae3154ca5"), ReportBatch.IdOf("phone-17", 0));
        Assert.Equal(ReportBatch.IdOf("phone-1", 7), ReportBatch.IdOf("phone-1", 7));
    }

    [Fact]
    public void A_resent_install_is_admitted_by_its_cohort_once()
    {
        var recent = new List<Guid>();
        Assert.True(RecentBatches.Admit(recent, ReportBatch.IdOf("phone-1", 7)));
        Assert.True(RecentBatches.Admit(recent, ReportBatch.IdOf("phone-2", 7)));
        Assert.False(RecentBatches.Admit(recent, ReportBatch.IdOf("phone-1", 7)));
    }
}

using ApexFleet.Domain.Security;

namespace ApexFleet.Domain.Tests.Security;

public class FleetRoleTests
{
    [Theory]
    [InlineData(FleetRole.Viewer, FleetRole.Viewer, true)]
    [InlineData(FleetRole.Viewer, FleetRole.Operator, false)]
    [InlineData(FleetRole.Viewer, FleetRole.Admin, false)]
    [InlineData(FleetRole.Operator, FleetRole.Viewer, true)]
    [InlineData(FleetRole.Operator, FleetRole.Operator, true)]
    [InlineData(FleetRole.Operator, FleetRole.Admin, false)]
    [InlineData(FleetRole.Admin, FleetRole.Viewer, true)]
    [InlineData(FleetRole.Admin, FleetRole.Operator, true)]
    [InlineData(FleetRole.Admin, FleetRole.Admin, true)]
    public void Each_role_includes_the_ones_before_it(FleetRole held, FleetRole needed, bool granted) =>
        Assert.Equal(granted, held.Grants(needed));

    [Fact]
    public void A_policy_accepts_the_labels_of_every_role_that_grants_it()
    {
        Assert.Equal(["viewer", "operator", "admin"], FleetRoles.LabelsGranting(FleetRole.Viewer));
        Assert.Equal(["operator", "admin"], FleetRoles.LabelsGranting(FleetRole.Operator));
        Assert.Equal(["admin"], FleetRoles.LabelsGranting(FleetRole.Admin));
    }

    [Theory]
    [InlineData("operator", true, FleetRole.Operator)]
    [InlineData("ADMIN", true, FleetRole.Admin)]
    [InlineData("root", false, FleetRole.Viewer)]
    [InlineData(null, false, FleetRole.Viewer)]
    public void Labels_parse_without_regard_to_case_and_nothing_else_does(string? label, bool parsed, FleetRole role)
    {
        Assert.Equal(parsed, FleetRoles.TryParse(label, out var got));
        Assert.Equal(role, got);
    }
}

public import ModelSpecs
import Forecasting

extension Catalog {
    /// Child protection and looked-after demand five years out for every English LA and England, from the real LA
    /// panel, reconciled, with rolling-origin backtest accuracy and interval coverage beside the forecasts.
    public static let demandForecast = ModelSpec(
        "demand-forecast",
        title: "Children on child protection plans and looked after: five-year forecasts for every LA and England",
        summary: """
            at31_cpp and at31_cla, 2010–2022, forecast to 2027 for each upper-tier LA by the automatic choice \
            (the equal-weight combination of automatic ETS, automatic ARIMA, drift and naive; drift → naive → \
            mean fallbacks on short series; 80% and \
            95% intervals from the rolling-origin errors pooled over all LAs, empirical prediction intervals), each English \
            region and England as the sums of the LAs with a complete series (regions from DfE's LA code list; LAs \
            outside the sums are named), reconciled LA → region → England by MinT-shrink (Wickramasuriya et al. \
            2019) with non-negative forecasts; fan charts for every LA, region and England. \
            Backtest: origins 2015–2021, horizons 1–5, MAE, MASE, RMSSE, coverage and Winkler scores against naive \
            and drift. Looked-after stock–flow (demand- tables): children in care by placement group five years out from \
            the embedded synthetic SSDA903 (36-month window, 1,000 paths, with its backtest), with spend at England's \
            average gross weekly expenditure per child looked after from the panel (gspend_cla / at31_cla, latest year). \
            Child protection stock–flow (cp- tables): open CIN episodes (CIN without a plan, CPP) five years out \
            from the embedded synthetic CIN census, 36-month window, 1,000 paths, with its backtest.
            """,
        data: .laPanel,
        analysis: .demandForecast(DemandForecast.withLookedAfter(DemandForecast.withChildProtection(DemandForecast(
            unit: "new_la_code",
            period: "time_period",
            measures: [
                DemandForecast.Measure("On a CP plan at 31 March", column: "at31_cpp"),
                DemandForecast.Measure("Looked after at 31 March", column: "at31_cla"),
            ],
            horizon: 5,
            method: .auto,
            reconciliation: .mintShrink,
            levels: .regions
        ), ChildProtectionStockFlowPart()), LookedAfterStockFlowPart())),
        published: []
    )
}

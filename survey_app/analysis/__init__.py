"""Statistics for the training-needs analysis: numpy arrays in, frozen dataclasses out.

No Flask and no SQL here; see docs/statistics.md for the methods and their references.
"""

from .agreement import KendallW as KendallW
from .agreement import kendall_w as kendall_w
from .agreement import kendall_w_from_rankings as kendall_w_from_rankings
from .borich import BorichScore as BorichScore
from .borich import borich_score as borich_score
from .borich import mwds as mwds
from .borich import rank_items as rank_items
from .demand import Demand as Demand
from .demand import estimate_demand as estimate_demand
from .demand import finite_population_correction as finite_population_correction
from .demand import wilson_interval as wilson_interval
from .descriptives import ItemDescriptives as ItemDescriptives
from .descriptives import Summary as Summary
from .descriptives import complete_pairs as complete_pairs
from .descriptives import describe_item as describe_item
from .gap_tests import GapTests as GapTests
from .gap_tests import cohen_dz as cohen_dz
from .gap_tests import gap_tests as gap_tests
from .gap_tests import matched_rank_biserial as matched_rank_biserial
from .items import ItemComparison as ItemComparison
from .items import ItemStats as ItemStats
from .items import compare_items as compare_items
from .items import item_stats as item_stats
from .multiplicity import adjust_pvalues as adjust_pvalues
from .priority import ItemEvidence as ItemEvidence
from .priority import PriorityRow as PriorityRow
from .priority import combine_priorities as combine_priorities
from .quadrants import QuadrantMap as QuadrantMap
from .quadrants import QuadrantPoint as QuadrantPoint
from .quadrants import ipa_quadrants as ipa_quadrants
from .quadrants import lff_quadrants as lff_quadrants
from .reliability import Alpha as Alpha
from .reliability import InsufficientDataError as InsufficientDataError
from .reliability import cronbach_alpha as cronbach_alpha
from .reliability import feldt_interval as feldt_interval
from .suppression import Suppression as Suppression
from .suppression import min_cell_for as min_cell_for
from .suppression import suppress as suppress
from .waves import WaveComparison as WaveComparison
from .waves import compare_waves as compare_waves

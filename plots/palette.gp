#@ SPDX-License-Identifier: GPL-3.0-or-later
#@ palette.gp: every colour of every chart, in one place, one meaning
#@ each across the charts and the site.  It is filled before common.gp for
#@ every chart; no other template names a colour (tests/test_palette.c).
#@
#@ The colours a reader must tell apart in one chart are listed below on
#@ "apart:" lines; tests/test_palette.c computes CIEDE2000 between every
#@ pair of each line, in normal vision and under simulated protanopia,
#@ deuteranopia and tritanopia (Machado, Oliveira and Fernandes 2009,
#@ severity 1), and holds each at 20 or more.  Where meaning differs the
#@ charts pair the colour with a shape or a dash as well.
#@
#@ apart: bar C_HIGHLIGHT C_NATIONAL C_WITHIN C_OUTSIDE C_MEAN
#@ apart: intervals C_HIGHER C_SIMILAR C_LOWER C_HIGHLIGHT C_NATIONAL
#@ apart: funnel C_WITHIN C_OUTSIDE C_BEYOND C_HIGHLIGHT C_NATIONAL
#@ apart: trend C_HIGHLIGHT C_NATIONAL
#@ apart: spc-direction C_SIMILAR C_BETTER C_WORSE C_TARGET
#@ apart: spc-neutral C_SIMILAR C_NEUTRAL C_TARGET
#@ apart: spine C_BETTER C_SIMILAR C_WORSE C_HIGHER C_LOWER
#@
#@ One meaning per colour across the site: the colours that carry a
#@ meaning, listed on the "meanings:" line, differ from one another by
#@ CIEDE2000 15 or more in normal vision (tests/test_palette.c), so no two
#@ meanings share a hue a reader would take for one (the SPC's "neither
#@ better nor worse" was once the intervals' purple for "higher").
#@ meanings: C_HIGHLIGHT C_NATIONAL C_WITHIN C_OUTSIDE C_BEYOND C_HIGHER
#@ meanings: C_SIMILAR C_LOWER C_BETTER C_WORSE C_NEUTRAL C_TARGET
#@
#@ Contrast (WCAG 2.1 AA; tests/test_palette.c computes it).  A mark that
#@ carries meaning (a bar, point, marker, line or icon) stands at 3:1 or
#@ more against C_BACKGROUND, or is "outlined": every template that fills
#@ a mark with it draws a border in a colour of 3:1 or more (a box's
#@ border, a hollow point of the next smaller type over a point, a second
#@ object at the same place).  The pale fills keep "within", "lower" and
#@ "better" apart from their neighbours under every simulation above, which
#@ no colour of 3:1 does, so they are outlined.  Text stands at 4.5:1 or
#@ more on every ground it is drawn on ("text: INK... on GROUND...").
#@ Exempt, carrying no meaning of their own: the grid and frame, the
#@ funnel's shading between its limits, the spine's spread and quartile
#@ boxes (the ground its marker is read against; their ends are printed as
#@ figures in the row), and the trend's translucent ribbons (behind their
#@ series' line, which carries the colour at 3:1 or more).
#@ marks: C_HIGHLIGHT C_NATIONAL C_MEAN C_LINE C_WITHIN C_OUTSIDE C_BEYOND
#@ marks: C_HIGHER C_SIMILAR C_LOWER C_BETTER C_WORSE C_NEUTRAL C_TARGET
#@ marks: C_OUTLINE C_LIMIT_INNER C_LIMIT_OUTER C_REBASE C_SERIES_LINE
#@ marks: C_SERIES C_BACKGROUND C_NOTE
#@ outlined: C_WITHIN C_LOWER C_BETTER C_BACKGROUND
#@ text: C_LABEL C_NOTE C_WORSE C_NEUTRAL on C_BACKGROUND C_SHADE
#@ text: C_LABEL on C_WITHIN C_HIGHLIGHT
#@ text: C_LABEL_ON_DARK on C_OUTSIDE
#@ exempt: C_GRID C_FRAME C_SHADE C_SPREAD C_QUARTILES
#@
#@ The force a chart is about: always orange, on every chart.
C_HIGHLIGHT = "#e66100"
#@ England and Wales (its line, its series): always black, dash-dotted.
C_NATIONAL = "#000000"
#@ The outlier band: the forces' mean (solid), one SD either side (dotted),
#@ forces within it, forces outside it (above or below).
C_MEAN = "#555555"
C_LINE = "#303030"
C_WITHIN = "#bdd7ee"
C_OUTSIDE = "#2166ac"
#@ Beyond a funnel's outer limits (squares; within its inner limits and
#@ between the two are C_WITHIN and C_OUTSIDE, circles).
C_BEYOND = "#543005"
#@ Against England and Wales where no direction is known: higher (a
#@ triangle up), similar (a circle), lower (a triangle down).
C_HIGHER = "#542788"
C_SIMILAR = "#8c8c8c"
C_LOWER = "#e7d4e8"
#@ Against England and Wales, or a special cause, where the direction is
#@ known: better (improvement), worse (concern); similar and common cause
#@ are C_SIMILAR.  A special cause with no direction: C_NEUTRAL, a dark
#@ teal that means nothing else (Making Data Count's purple is the
#@ intervals' "higher" here; its grey is common cause, C_SIMILAR).
C_BETTER = "#a6dba0"
C_WORSE = "#67001f"
C_NEUTRAL = "#005c60"
#@ A target set by the user (SPC).
C_TARGET = "#c00000"
#@ Structure, carrying no meaning: grid, frames, notes, outlines, the
#@ funnel's limits and shading, the spine's spread.
C_GRID = "#e0e0e0"
C_FRAME = "#cccccc"
C_NOTE = "#555555"
C_OUTLINE = "#303030"
C_LIMIT_INNER = "#555555"
C_LIMIT_OUTER = "#000000"
C_SHADE = "#f2f2f2"
C_SPREAD = "#d9d9d9"
C_QUARTILES = "#a6a6a6"
C_REBASE = "#7f7f7f"
C_SERIES_LINE = "#8c8c8c"
C_BACKGROUND = "#ffffff"
C_LABEL_ON_DARK = "#ffffff"
C_LABEL = "#000000"
#@ Further series of a trend (after the force and England and Wales).
C_SERIES = "#404040 #2166ac #7f7f7f #542788 #1b7837 #8c510a #01665e #762a83"

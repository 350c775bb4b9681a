{-# LANGUAGE OverloadedStrings #-}
-- | The blog's feed.
module Feed
  ( Post (..)
  , latest
  , render
  ) where

import Data.List (sortOn)
import Data.Ord (Down (..))
import qualified Data.Text as T
import Data.Time (Day, fromGregorian)

data Post = Post
  { title :: T.Text
  , date  :: Day
  , tags  :: [T.Text]
  } deriving (Show, Eq)

class Render a where
  render :: a -> T.Text

instance Render Post where
  render p = "<item><title>" <> title p <> "</title></item>"

-- | The newest @n@ posts.
latest :: Int -> [Post] -> [Post]
latest n = take n . sortOn (Down . date)

slug :: T.Text -> T.Text
slug = T.intercalate "-" . T.words . T.toLower . T.map clean
  where
    clean c
      | c `elem` ['a' .. 'z'] = c
      | otherwise = ' '

main :: IO ()
main = do
  let posts = [Post "Hello" (fromGregorian 2024 1 2) ["intro"]]
      total = sum (map (T.length . title) posts) * 2 + 0x1F
  mapM_ (putStrLn . T.unpack . render) (latest 10 posts)
  print (total, 3.5e-2 :: Double)
